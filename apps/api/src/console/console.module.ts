import { Module } from '@nestjs/common';
import { ConsoleAssets } from './console-assets';
import { ConsoleConfigController } from './console.controller';
import { CONSOLE_SETTINGS, loadConsoleSettings, type ConsoleSettings } from './console-settings';

/** The staff console (apps/web, built into dist/web) served at /console, and its configuration endpoint. */
@Module({
  controllers: [ConsoleConfigController],
  providers: [
    { provide: CONSOLE_SETTINGS, useFactory: () => loadConsoleSettings(process.env) },
    { provide: ConsoleAssets, inject: [CONSOLE_SETTINGS], useFactory: (settings: ConsoleSettings) => new ConsoleAssets(settings.dir) },
  ],
})
export class ConsoleModule {}
