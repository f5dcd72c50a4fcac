import nodemailer from 'nodemailer';

export interface EmailTarget {
  /** smtp://user:pass@host:587 or smtps://…:465 (nodemailer's connection URL). */
  smtpUrl: string;
  from: string;
  to: readonly string[];
  timeoutMs: number;
}

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

export interface EmailSender {
  send(content: EmailContent): Promise<void>;
  close(): void;
}

/** One SMTP transport per sender; a refused connection or a rejected recipient rejects `send`. */
export function createEmailSender(target: EmailTarget): EmailSender {
  const transport = nodemailer.createTransport({
    url: target.smtpUrl,
    connectionTimeout: target.timeoutMs,
    greetingTimeout: target.timeoutMs,
    socketTimeout: target.timeoutMs,
  });
  return {
    async send(content) {
      const info = await transport.sendMail({ from: target.from, to: [...target.to], ...content });
      if (info.rejected.length > 0) throw new Error(`SMTP server rejected ${info.rejected.join(', ')}`);
    },
    close: () => transport.close(),
  };
}
