package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link PipeContract} on the Ignite backend: this JVM is a server node, the children join as clients. */
class IgnitePipeContractTest extends PipeContract
{
    @RegisterExtension
    static final IgniteCluster CLUSTER = new IgniteCluster();

    @Override
    protected ContractBackend backend()
    {
        return CLUSTER;
    }
}
