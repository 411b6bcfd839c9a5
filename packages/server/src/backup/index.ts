/** Backup and restore of the database and the evidence files together (see backup.ts). */
export {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupConfig,
  type BackupManifest,
  createBackup,
  evidenceDigest,
  type RestoreOptions,
  type RestoreResult,
  readBackup,
  restoreBackup,
  type TableChecksum,
  tableChecksums,
} from './backup.ts';
export { createTar, readTar, type TarEntry } from './tar.ts';
