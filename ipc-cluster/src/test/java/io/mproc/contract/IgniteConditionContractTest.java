package io.mproc.contract;

import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link ConditionContract} on the Ignite backend: this JVM is a server node, the children join as clients. */
class IgniteConditionContractTest extends ConditionContract
{
    @RegisterExtension
    static final IgniteCluster CLUSTER = new IgniteCluster();

    @Override
    protected ContractBackend backend()
    {
        return CLUSTER;
    }
}
