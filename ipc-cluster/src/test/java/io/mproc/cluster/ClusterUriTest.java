package io.mproc.cluster;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClusterUriTest
{
    @Test
    void parsesHostPortsAppAndMode()
    {
        final ClusterUri uri = ClusterUri.parse("ignite://127.0.0.1:47500..47509/app");
        assertEquals("127.0.0.1", uri.host());
        assertEquals(47500, uri.firstDiscoveryPort());
        assertEquals(47509, uri.lastDiscoveryPort());
        assertEquals(47100, uri.firstCommunicationPort());
        assertEquals(47199, uri.lastCommunicationPort());
        assertEquals("app", uri.app());
        assertFalse(uri.client());
        assertEquals(1, uri.backups());

        final ClusterUri client = ClusterUri.parse("ignite://127.0.0.1:30000..30009/app?mode=client&comm=30010..30029");
        assertTrue(client.client());
        assertEquals(30010, client.firstCommunicationPort());
        assertEquals(uri.asClient().app(), "app");
        assertTrue(uri.asClient().client());
        assertEquals(uri.clusterKey(), uri.asClient().clusterKey());
    }

    @Test
    void refusesBadUrisNamingTheProblem()
    {
        assertRefused("http://127.0.0.1:47500/app", "scheme must be 'ignite'");
        assertRefused("ignite://127.0.0.1/app", "no host:ports");
        assertRefused("ignite://127.0.0.1:47509..47500/app", "discovery ports must be first..last");
        assertRefused("ignite://127.0.0.1:4x/app", "must be a port or a range");
        assertRefused("ignite://127.0.0.1:40000..40200/app", "at most 100");
        assertRefused("ignite://127.0.0.1:47500", "one name for the application");
        assertRefused("ignite://127.0.0.1:47500/app?mode=peer", "mode must be server or client, got 'peer'");
        assertRefused("ignite://127.0.0.1:47500/app?colour=red", "unknown parameter 'colour'");
        assertRefused("ignite://127.0.0.1:47500/app?comm=47500..47600", "overlap the discovery ports");
        assertRefused("ignite://127.0.0.1:300/app", "leaves no room for the default communication ports");
        assertRefused("ignite://127.0.0.1:47500/app?backups=-1", "backups must be a number in 0..16");
    }

    private static void assertRefused(final String uri, final String reason)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ClusterUri.parse(uri));
        assertTrue(ex.getMessage().contains(reason), ex.getMessage());
        assertTrue(ex.getMessage().contains(uri), ex.getMessage());
    }
}
