// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the Express.Multer.File type, declared by @types/multer as a global augmentation
/// <reference types="multer" />
import { DomainError } from '@app/common';
import { MaterialService, type MaterialInfo } from '@app/materials';
import type { StorageEngine } from 'multer';
import type { AuthenticatedRequest } from '../auth/auth.decorators';

/** The per-file upload limit (MATERIALS_MAX_BYTES, 20 MiB by default). */
export const MATERIALS_MAX_BYTES = Number(process.env.MATERIALS_MAX_BYTES ?? 20 * 1024 * 1024);

/** What the storage hands the controller as the uploaded file. */
export type StoredUpload = Express.Multer.File & { material: MaterialInfo };

/**
 * multer's storage for material uploads: each file part goes to MaterialService as it arrives
 * (spooled while hashed, recorded under the quota), never buffered whole. A request refused
 * afterwards (a second file, a failing handler) has its material discarded.
 */
export class MaterialUploadStorage implements StorageEngine {
  constructor(
    private readonly materials: MaterialService,
    private readonly maxBytes = MATERIALS_MAX_BYTES,
  ) {}

  _handleFile(req: unknown, file: Express.Multer.File, done: (error?: unknown, info?: Partial<StoredUpload>) => void): void {
    const actor = (req as AuthenticatedRequest).actor;
    if (!actor) return done(new DomainError('UNAUTHENTICATED', '需要登录'));
    if (actor.roles.every((r) => r === 'auditor')) return done(new DomainError('FORBIDDEN_ROLE', '审计人员只读，不能上传材料'));
    // A client that goes away mid-file: busboy fails the file's stream, the spool removes its partial file.
    this.materials.storeStream(file, actor, this.maxBytes).then(
      (material) => done(null, { material, size: material.size }),
      (err: unknown) => done(err),
    );
  }

  _removeFile(_req: unknown, file: Partial<StoredUpload>, done: (error: Error | null) => void): void {
    if (!file.material) return done(null);
    this.materials.discard(file.material.id).then(
      () => done(null),
      (err: Error) => done(err),
    );
  }
}
