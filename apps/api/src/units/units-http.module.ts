import { UnitsModule } from '@app/units';
import { Module } from '@nestjs/common';
import { UnitsController } from './units.controller';

/** The unit registry over HTTP. */
@Module({ imports: [UnitsModule], controllers: [UnitsController] })
export class UnitsHttpModule {}
