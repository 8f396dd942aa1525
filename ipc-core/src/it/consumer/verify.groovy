// The consumer must get exactly the jars mproc is tested with: no Chronicle stack, no stray jna-platform.
// dependency:list writes lines such as "   org.agrona:agrona:jar:2.6.0:compile -- module org.agrona".
def listed = new File(basedir, 'dependencies.txt').readLines()
    .collect { it.trim() }
    .findAll { it && !it.startsWith('The following files have been resolved') && it != 'none' }
    .collect { it.split(' -- ')[0].trim() }
    .sort()
def expected = expectedDependencies.split(',').collect { it.trim() }.sort()
if (listed != expected) {
    throw new AssertionError("a project depending on io.mproc:ipc-core gets\n  " + listed.join('\n  ') +
        "\nbut mproc is tested with exactly\n  " + expected.join('\n  '))
}
println "consumer dependencies as tested: " + listed
return true
