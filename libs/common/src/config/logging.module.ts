import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { APP_CONFIG, AppConfig } from './app-config';
import { loggerOptions, safeError, safeRequest, safeResponse } from './log-redaction';
import { requestIdFor } from './request-id';

/** Where log lines go: standard output; tests override it to read what was logged. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

@Module({
  providers: [{ provide: LOG_DESTINATION, inject: [APP_CONFIG], useFactory: (config: AppConfig): DestinationStream => stdoutDestination(config.logBufferBytes) }],
  exports: [LOG_DESTINATION],
})
class LogDestinationModule {}

/**
 * Standard output: one write per line (`bufferBytes` 0), or lines gathered up to `bufferBytes`
 * and written at once, flushed at least every second (pino flushes what is left at exit).
 */
export function stdoutDestination(bufferBytes: number): DestinationStream {
  if (!bufferBytes) return pino.destination(1);
  const destination = pino.destination({ dest: 1, sync: false, minLength: bufferBytes });
  setInterval(() => {
    try {
      destination.flush();
    } catch {
      // closed at shutdown
    }
  }, 1000).unref();
  return destination;
}

/**
 * JSON logs through pino at LOG_LEVEL; every HTTP log line carries the request id. Request lines
 * show method, path, status and time only; errors and messages pass the redaction of log-redaction.ts.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      imports: [LogDestinationModule],
      inject: [APP_CONFIG, LOG_DESTINATION],
      useFactory: (config: AppConfig, destination: DestinationStream) => ({
        pinoHttp: [
          {
            ...loggerOptions(config.logLevel),
            genReqId: requestIdFor,
            serializers: { req: safeRequest, res: safeResponse, err: safeError, error: safeError },
          },
          destination,
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
