/** The Veil version this CLI belongs to (the workspace packages share it); packs name a range of it. */
export const VEIL_VERSION = '0.1.0';
