package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SemaphoreContract} on the Ignite backend: this JVM is a server node, the children join as clients. */
class IgniteSemaphoreContractTest extends SemaphoreContract
{
    @RegisterExtension
    static final IgniteCluster CLUSTER = new IgniteCluster();

    @Override
    protected ContractBackend backend()
    {
        return CLUSTER;
    }
}
