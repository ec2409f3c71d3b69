import { Module } from '@nestjs/common';
import { UnitRegistry } from './unit-registry.service';

/** The unit registry: the units of each jurisdiction, their trail, and this process's copy of them. Needs the database and a Clock. */
@Module({
  providers: [UnitRegistry],
  exports: [UnitRegistry],
})
export class UnitsModule {}
