/** Strings of the offline note (issue #10; see messages.ts for the rules). */
export const enOffline = {
  'offline.ready': 'Works offline',
  'offline.readyTitle': 'This browser keeps a copy of the app: it opens and works without a network.',
  'offline.away': 'Offline — working from this browser’s copy',
  'offline.awayTitle': 'No network: the app and your data are in this browser, nothing is lost.',
};

export const zhOffline: Record<keyof typeof enOffline, string> = {
  'offline.ready': '可离线使用',
  'offline.readyTitle': '本浏览器已保存应用副本：没有网络也能打开和使用。',
  'offline.away': '离线——正在使用本浏览器中的副本',
  'offline.awayTitle': '没有网络：应用和数据都在本浏览器中，不会丢失。',
};
