package io.mproc.contract;

import io.mproc.Context;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

/** {@link DictListContract} on the Ignite backend: this JVM is a server node, the children join as clients. */
class IgniteDictListContractTest extends DictListContract
{
    @RegisterExtension
    static final IgniteCluster CLUSTER = new IgniteCluster();

    @Override
    protected String contextUri()
    {
        return CLUSTER.clientUri();
    }

    @Override
    protected Context context()
    {
        return CLUSTER.context();
    }

    @Override
    protected List<String> childJvmOptions()
    {
        return IgniteCluster.childJvmOptions();
    }
}
