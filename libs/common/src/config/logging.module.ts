import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino, { type DestinationStream } from 'pino';
import { APP_CONFIG, AppConfig } from './app-config';
import { loggerOptions, safeError, safeRequest, safeResponse } from './log-redaction';
import { requestIdFor } from './request-id';

/** Where log lines go: standard output; tests override it to read what was logged. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

@Module({
  providers: [{ provide: LOG_DESTINATION, useFactory: (): DestinationStream => pino.destination(1) }],
  exports: [LOG_DESTINATION],
})
class LogDestinationModule {}

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
            // The serializers take the request, response and error themselves: pino-http's wrappers
            // would first copy each into pino's standard form (every header too), only for these to pick a few fields.
            wrapSerializers: false,
          },
          destination,
        ],
      }),
    }),
  ],
})
export class LoggingModule {}
