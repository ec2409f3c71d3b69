import { Module } from '@nestjs/common';
import { MachinesController } from './machines.controller';

/** Read-only description of the procedure machines. */
@Module({ controllers: [MachinesController] })
export class ProcedureHttpModule {}
