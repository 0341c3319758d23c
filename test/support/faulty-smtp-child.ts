// The faulty SMTP server in a process of its own, for failures that depend on timing between the two ends (a
// server in the test's own process only reads once the client has written everything it had). Prints
// "port N" when listening; runs until killed. Usage: faulty-smtp-child.ts drop-during-data BYTES
import { startFaultySmtpServer } from './faulty-smtp';

const [mode, value] = process.argv.slice(2);

void startFaultySmtpServer(mode === 'drop-during-data' ? { dropDuringData: () => Number(value) } : {}).then((server) => {
  process.stdout.write(`port ${server.port}\n`);
});
