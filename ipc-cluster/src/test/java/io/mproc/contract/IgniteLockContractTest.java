package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LockContract} on the Ignite backend: this JVM is a server node, the children join as clients. */
class IgniteLockContractTest extends LockContract
{
    @RegisterExtension
    static final IgniteCluster CLUSTER = new IgniteCluster();

    @Override
    protected ContractBackend backend()
    {
        return CLUSTER;
    }
}
