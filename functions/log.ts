/**
 * Structured JSON logs through Powertools for AWS Lambda's Logger (decisions: "Logs"). Every line
 * carries the request it was written for — API Gateway's request id (the one the API returns in
 * error bodies), the Lambda invocation's awsRequestId, the tenant and the route — whoever wrote it,
 * because the request middleware runs the request inside `withLogContext` and the formatter reads
 * that context. The formatter also redacts (log-redact.ts): callers never have to remember to.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger as PowertoolsLogger, LogFormatter, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import { redactValue } from './log-redact.js';

export { redact } from './log-redact.js';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** Who a line was written for; set once per request by the HTTP middleware. */
export interface LogContext {
  /** API Gateway's requestContext.requestId (locally a UUID): the id error bodies and X-Request-Id carry. */
  requestId: string;
  /** The Lambda invocation's id, which the runtime's own START/END/REPORT lines carry. */
  awsRequestId?: string;
  tenant: string;
  /** Method and route pattern (`GET /v1/people/:personId`), never the path: paths can hold personal data. */
  route?: string;
}

// Node's own: one request's context follows its awaits, so concurrent requests on the local server never mix.
const requestContext = new AsyncLocalStorage<LogContext>();

export function withLogContext<T>(context: LogContext, run: () => T): T {
  return requestContext.run(context, run);
}

class RedactingFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const context = requestContext.getStore();
    const line: LogAttributes = {
      level: attributes.logLevel,
      timestamp: this.formatTimestamp(attributes.timestamp),
      service: attributes.serviceName,
      message: attributes.message,
      ...context,
      xrayTraceId: attributes.xRayTraceId,
      ...additional,
    };
    const formatError = (err: Error) => this.formatError(err);
    return new LogItem({ attributes: redactValue(line, formatError) as LogAttributes });
  }
}

/** Powertools' Logger, writing to `write` instead of the console when a test or a bench collects lines. */
class XueshiLogger extends PowertoolsLogger {
  // Not a #private field: the base constructor may print before a subclass's fields exist.
  private sink?: (line: string) => void;

  constructor(level: LogLevel, sink?: (line: string) => void) {
    super({ serviceName: 'xueshi', logLevel: level.toUpperCase() as Uppercase<LogLevel>, logFormatter: new RedactingFormatter() });
    this.sink = sink;
  }

  protected override printLog(logLevel: number, log: LogItem): void {
    if (!this.sink) return super.printLog(logLevel, log);
    log.prepareForPrint();
    this.sink(JSON.stringify(log.getAttributes(), this.getJsonReplacer()));
  }
}

/**
 * The app's logger. Without `write`, lines go to stdout/stderr as Powertools writes them (CloudWatch in
 * Lambda, the terminal under `npm start`); with it, each JSON line is handed over instead.
 */
export function createLogger(level: LogLevel = 'info', write?: (line: string) => void): Logger {
  const logger = new XueshiLogger(level, write);
  return {
    debug: (msg, fields) => logger.debug(msg, fields ?? {}),
    info: (msg, fields) => logger.info(msg, fields ?? {}),
    warn: (msg, fields) => logger.warn(msg, fields ?? {}),
    error: (msg, fields) => logger.error(msg, fields ?? {}),
  };
}
