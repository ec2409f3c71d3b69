import { UnitsModule } from '@app/units';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ActorTokenVerifier } from './actor-token.verifier';
import { JwtAuthGuard } from './jwt-auth.guard';
import { RolesGuard } from './roles.guard';

/** Authentication for every route (JwtAuthGuard, which registers the units tokens name) then role checks (RolesGuard), in that order. */
@Module({
  imports: [UnitsModule],
  providers: [ActorTokenVerifier, { provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
  exports: [ActorTokenVerifier],
})
export class AuthModule {}
