// Real brokers, peers and orderers answer in seconds, not milliseconds; these
// limits only stop a hung test, they assert nothing about speed.
jest.setTimeout(120_000);
