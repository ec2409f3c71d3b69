import { Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { appConfig } from './app-config';

/**
 * Global configuration: ConfigService plus the typed AppConfig under APP_CONFIG. No .env file is read:
 * the process environment is the only source, as for the token CLI and the scripts.
 */
@Module({
  imports: [ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, cache: true, load: [appConfig] })],
})
export class AppConfigModule {}
