package io.mproc.inspect;

import io.mproc.manager.Manager;
import io.mproc.memory.Namespace;
import io.mproc.test.MultiProcessTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A manager's control file dumped while its server (a child JVM) runs, and after it was shut down.
 */
@Timeout(120)
class InspectorManagerTest extends MultiProcessTest
{
    @Test
    void shouldDumpAManagersStateServerAndClients() throws Exception
    {
        final Path root = Files.createDirectories(namespace.directory().resolve("root"));
        final Inspector inspector = new Inspector(root);
        try (Namespace ns = Namespace.open(root.resolve("ns")))
        {
            final Manager manager = Manager.start(ns, "m");
            final long serverPid = manager.serverPid();
            manager.dict("d").put("k", 1); // this thread holds a reply slot now

            final ObjectReport running = inspector.dump("ns/m");
            assertEquals(Health.OK, running.health(), running.toString());
            final Map<String, Object> state = running.state();
            assertEquals("RUNNING", state.get("state"), state.toString());
            final Map<?, ?> server = (Map<?, ?>)state.get("server");
            assertEquals(serverPid, server.get("pid"), state.toString());
            assertEquals(true, server.get("alive"), state.toString());
            final List<?> clients = (List<?>)state.get("clients");
            assertFalse(clients.isEmpty(), state.toString());
            assertTrue(clients.stream().anyMatch((client) ->
                ProcessHandle.current().pid() == (Long)((Map<?, ?>)client).get("pid")), state.toString());

            manager.shutdown(); // from any handle; the files stay until the starting handle closes
            assertEquals("SHUT_DOWN", inspector.dump("ns/m").state().get("state"));
            manager.close();
        }
    }
}
