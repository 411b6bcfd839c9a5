/**
 * Evidence file storage: a content-addressed blob store (`store.ts`), content-type detection by magic bytes
 * (`sniff.ts`) and file-name hygiene for display and download (`filename.ts`).
 */
export {
  contentDisposition,
  encodeRfc5987,
  MAX_FILE_NAME_LENGTH,
  nameForType,
  sanitizeFileName,
} from './filename.ts';
export {
  type DetectedType,
  type Detection,
  detectFileType,
  extensionOf,
  FILE_KINDS,
  type FileKind,
  refineTextType,
  zipEntryNames,
} from './sniff.ts';
export {
  type BlobStore,
  blobKeyOf,
  createLocalBlobStore,
  evidenceRowKey,
  evidenceStore,
  type StagedBlob,
  type StageOptions,
  type StoredBlob,
  sha256OfBlobKey,
} from './store.ts';
