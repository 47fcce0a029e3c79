/** The few eager strings of exports and shares (the screens carry their own, in their lazy chunk). */
export const enExports = {
  'nav.exports': 'Exports',
  'exports.export': 'Export',
  'exports.share': 'Share',
} as const;

export const zhExports: Record<keyof typeof enExports, string> = {
  'nav.exports': '导出',
  'exports.export': '导出',
  'exports.share': '分享',
};
