import pino from 'pino';
import { currentContext } from './context';

/**
 * Structured JSON logs, one object a line on stdout: each names the request (or job) and the user it
 * happened for. Passwords, tokens, cookies and authorization headers never reach the output.
 */
export const log = pino({
  // TORG_LOG_LEVEL: debug, info (default), warn, error; the e2e server keeps to warnings.
  level: process.env.TORG_LOG_LEVEL ?? 'info',
  base: { pid: process.pid },
  messageKey: 'msg',
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  mixin: () => {
    const context = currentContext();
    return context ? { ...context } : {};
  },
  redact: {
    paths: [
      'password',
      '*.password',
      'token',
      '*.token',
      'secret',
      '*.secret',
      'headers.cookie',
      'headers.authorization',
    ],
    censor: '[redacted]',
  },
});
