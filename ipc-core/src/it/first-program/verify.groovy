// Every test class of the user's program ran: a surefire execution whose includes match nothing passes silently.
def pom = new File(basedir, 'pom.xml').text
def classLoaderChildSkipped = pom.contains('<first-program.skipClassLoaderChild>true</first-program.skipClassLoaderChild>')
def expected = ['QueueToChildTest', 'PoolCapturedValueTest', 'WithoutFlagsTest']
if (!classLoaderChildSkipped) {
    expected << 'ChildFromClassLoaderTest'
}
def reports = new File(basedir, 'target/surefire-reports')
def missing = expected.findAll { !new File(reports, "TEST-com.example.firstprogram.${it}.xml").isFile() }
if (missing) {
    throw new AssertionError("the first-program tests did not run: " + missing + " (reports in " + reports + ")")
}
println "first-program tests ran: " + expected
return true
