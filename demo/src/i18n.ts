// The portal's own words. Shared by the server-rendered pages and the browser code, so it must
// stay plain data and functions. The portal speaks its organization's language (English, or
// Traditional Chinese for Formosa); the sign-in page, before anyone is known, speaks English.
import type { LifecycleStage } from '@crmkit/core';
import type { Role } from '@crmkit/server';

export type Lang = 'en' | 'zh-Hant';

/** The portal's language for an organization's locale. */
export function portalLang(locale: string): Lang {
  return /^zh-(Hant|TW|HK|MO)\b/i.test(locale) ? 'zh-Hant' : 'en';
}

/** The locale to give `<crm-provider>`: one the components speak, else English. */
export function componentLocale(locale: string): 'en' | 'zh-Hant' | 'zh-Hans' {
  if (portalLang(locale) === 'zh-Hant') return 'zh-Hant';
  return /^zh(-Hans|-CN|-SG)?\b/i.test(locale) ? 'zh-Hans' : 'en';
}

const en = {
  portal: 'Merchant Hub',
  skip: 'Skip to content',
  nav: { label: 'Main', customers: 'Customers', pipeline: 'Pipeline' },
  pipeline: {
    title: 'Pipeline',
    lead: 'Drag a deal to move it, or use Space and the arrow keys.',
    funnel: 'Funnel',
    none: 'No pipeline yet.',
  },
  signOut: 'Sign out',
  roles: {
    owner: 'Owner',
    admin: 'Admin',
    manager: 'Sales manager',
    rep: 'Sales rep',
    viewer: 'Viewer',
  } satisfies Record<Role, string>,
  customers: {
    title: 'Customers',
    lead: 'Everyone your team sells to. Pick a customer to see their card.',
    search: 'Search customers',
    searchHint: 'Name, email or phone',
    loading: 'Loading customers…',
    none: 'No customers yet.',
    noMatch: (q: string) => `No customers match “${q}”.`,
    shown: (n: number, more: boolean) => `${n}${more ? '+' : ''} ${n === 1 && !more ? 'customer' : 'customers'}`,
    failed: 'Could not load customers.',
    retry: 'Try again',
    more: 'Show more',
    pick: 'Select a customer to see their card here.',
    openFull: 'Open full page',
    person: 'Person',
    stages: {
      subscriber: 'Subscriber',
      lead: 'Lead',
      prospect: 'Prospect',
      customer: 'Customer',
      evangelist: 'Evangelist',
      churned: 'Churned',
    } satisfies Record<LifecycleStage, string>,
  },
  customer: {
    missing: 'This customer does not exist, or is not visible to you.',
    activity: 'Activity',
  },
  notFound: { title: 'Page not found', body: 'There is nothing at this address.', home: 'Go to customers' },
  failed: { title: 'Something went wrong', body: 'The page could not be shown. Try again in a moment.' },
  footer: 'Customer cards and data by crmkit',
};

export type Messages = typeof en;

const zhHant: Messages = {
  portal: '商家後台',
  skip: '跳到主要內容',
  nav: { label: '主選單', customers: '客戶', pipeline: '銷售管道' },
  pipeline: {
    title: '銷售管道',
    lead: '拖曳商機即可移動，也可以用空白鍵與方向鍵操作。',
    funnel: '銷售漏斗',
    none: '尚未建立銷售管道。',
  },
  signOut: '登出',
  roles: { owner: '擁有者', admin: '管理員', manager: '業務經理', rep: '業務代表', viewer: '檢視者' },
  customers: {
    title: '客戶',
    lead: '團隊往來的所有客戶。選擇一位客戶即可查看客戶卡片。',
    search: '搜尋客戶',
    searchHint: '名稱、電子郵件或電話',
    loading: '正在載入客戶…',
    none: '目前還沒有客戶。',
    noMatch: (q) => `找不到符合「${q}」的客戶。`,
    shown: (n, more) => `${n}${more ? '+' : ''} 位客戶`,
    failed: '無法載入客戶。',
    retry: '重試',
    more: '顯示更多',
    pick: '選擇一位客戶，卡片會顯示在這裡。',
    openFull: '開啟完整頁面',
    person: '個人',
    stages: {
      subscriber: '訂閱者',
      lead: '銷售線索',
      prospect: '潛在客戶',
      customer: '客戶',
      evangelist: '忠實客戶',
      churned: '已流失',
    },
  },
  customer: {
    missing: '此客戶不存在，或您沒有檢視權限。',
    activity: '活動紀錄',
  },
  notFound: { title: '找不到頁面', body: '這個網址沒有內容。', home: '前往客戶列表' },
  failed: { title: '發生錯誤', body: '無法顯示此頁面，請稍後再試。' },
  footer: '客戶卡片與資料由 crmkit 提供',
};

export const messages: Record<Lang, Messages> = { en, 'zh-Hant': zhHant };
