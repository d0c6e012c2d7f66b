/**
 * A chaincode event listener in a process of its own, so the fault test can
 * SIGKILL it mid-stream: it records every TraceAnchor event it is handed in
 * `seen_event`, in the transaction that also saves its checkpoint.
 *   env: LISTENER_SCHEMA, LISTENER_NAME, LISTENER_START_BLOCK (+ the stack env)
 */
import 'reflect-metadata';
import { loadConfig } from '@pujiang/config';
import { ChaincodeEventListener, LedgerConfig, LedgerGateway } from '@pujiang/ledger-client';
import { DataSource } from 'typeorm';
import { serviceEnv, stackEnv } from '../../support/stack-env';

async function main(): Promise<void> {
  const schema = process.env.LISTENER_SCHEMA ?? '';
  const dataSource = await new DataSource({
    type: 'postgres',
    url: stackEnv().LEDGER_DATABASE_URL,
    schema,
    extra: { options: `-c search_path=${schema}` },
  }).initialize();
  const gateway = new LedgerGateway(loadConfig(LedgerConfig, serviceEnv('ledger', 0, 1)));
  await gateway.onModuleInit();
  new ChaincodeEventListener(gateway, dataSource).listen({
    listener: process.env.LISTENER_NAME ?? 'fault',
    startBlock: BigInt(process.env.LISTENER_START_BLOCK ?? '0'),
    handle: async (event, manager) => {
      await manager.query(
        `INSERT INTO seen_event (event_name, payload, tx_id) VALUES ($1, $2, $3)`,
        [event.eventName, event.payload, event.txId],
      );
    },
  });
  process.stdout.write('listening\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
