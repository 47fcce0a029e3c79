/** Bounds on a pack archive, each refused with its own message. */
export interface ArchiveLimits {
  /** Size of the `.tgz` itself. */
  maxArchiveBytes: number;
  /** Size after decompression (the tar stream). */
  maxExpandedBytes: number;
  /** Entries in the archive, directories included. */
  maxEntries: number;
  /** One file (a template is at most 2 MB). */
  maxFileBytes: number;
  /** Expanded ÷ compressed size above which an archive is treated as a decompression bomb. */
  maxRatio: number;
  /** The ratio is only judged past this expanded size (tiny JSON archives compress well). */
  ratioFloorBytes: number;
}

export const ARCHIVE_LIMITS: ArchiveLimits = {
  maxArchiveBytes: 8 * 1024 * 1024,
  maxExpandedBytes: 24 * 1024 * 1024,
  maxEntries: 200,
  maxFileBytes: 2 * 1024 * 1024,
  maxRatio: 50,
  ratioFloorBytes: 512 * 1024,
};
