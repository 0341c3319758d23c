// How far a message got into the SMTP transaction, which is what tells a definite failure from an uncertain one.
// nodemailer starts reading a message's body only after the server's 354 answer to DATA, and writes the final
// dot right after the body's last byte. So a failure without a server reply is *definite* while the body was not
// handed over whole (the server discards an unfinished DATA), and *uncertain* once it was: the server may have
// queued the message before the connection dropped or the reply was lost.
import { PassThrough, pipeline, type Readable } from 'node:stream';
import type { Transporter } from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';

const PROGRESS = 'optimaSyncDeliveryProgress';

export class DeliveryProgress {
  /** The body began to stream: MAIL, RCPT and DATA were accepted. */
  bodyStarted = false;
  /** The whole body was handed to the connection: the final dot follows it. */
  bodyComplete = false;

  /** The message options with this progress attached, for the tracking plugin to find. */
  attachTo<T extends Mail.Options>(options: T): T {
    return { ...options, [PROGRESS]: this };
  }

  /** Wraps one attempt's output stream (a pool may requeue a message whose body was never read). */
  observe(input: Readable): Readable {
    this.bodyStarted = false;
    this.bodyComplete = false;
    const output = new PassThrough();
    pipeline(input, output, () => undefined);
    // 'resume' comes when the connection pipes the body into DATA; 'end' once it has read the last byte.
    output.once('resume', () => {
      this.bodyStarted = true;
    });
    output.once('end', () => {
      this.bodyComplete = true;
    });
    return output;
  }
}

/** Installs the plugin that lets each message's DeliveryProgress watch its body go out. */
export function trackDeliveryProgress(transport: Transporter): void {
  transport.use('stream', (mail, done) => {
    const progress = (mail.data as Record<string, unknown>)[PROGRESS];
    if (progress instanceof DeliveryProgress) mail.message.processFunc((input) => progress.observe(input));
    done();
  });
}
