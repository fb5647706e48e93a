/** hopcode/version — the package version, for headers and file formats. */
export const VERSION = '0.1.0';
