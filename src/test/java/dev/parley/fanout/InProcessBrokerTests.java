package dev.parley.fanout;

class InProcessBrokerTests extends BrokerContract {

    private final InProcessBroker broker = new InProcessBroker();

    @Override
    protected Broker publisher() {
        return broker;
    }

    @Override
    protected Broker subscriber() {
        return broker;
    }
}
