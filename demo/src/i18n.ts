// The portal's own words. Shared by the server-rendered pages and the browser code, so it must
// stay plain data and functions. The portal speaks its organization's language (English, or
// Traditional Chinese for Formosa); the sign-in page, before anyone is known, speaks English.
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
  nav: {
    label: 'Main',
    myDay: 'My day',
    customers: 'Customers',
    segments: 'Segments',
    leads: 'Leads',
    cases: 'Cases',
    pipeline: 'Pipeline',
    forecast: 'Forecast',
    reports: 'Reports',
    trash: 'Trash',
    shop: 'Shop',
    ledger: 'Ledger',
    integrations: 'Integrations',
  },
  pipeline: {
    title: 'Pipeline',
    lead: 'Open a deal with a click or Enter. Drag it to move it, or use Space and the arrow keys.',
    funnel: 'Funnel',
    none: 'No pipeline yet.',
  },
  forecast: {
    title: 'Forecast',
    lead: 'What your team has won this quarter and expects to win, against quota, and how each seller performs against last quarter. Choose a figure of the forecast to see its deals on the pipeline. Below, how often deals that passed each stage were won over the last year, beside the probability the stage is set to.',
  },
  reports: {
    title: 'Reports',
    lead: 'Who buys, how often and how much: customers by RFM segment, those who stopped ordering, what sells and who comes back. Then how each seller performs this quarter, and what each campaign and source brought in, why deals were lost and how you fare against each competitor. Open a customer at risk to follow up.',
    onThisPage: 'Reports on this page',
    customers: 'Customer analysis',
    performance: 'Sales performance',
    market: 'Market analysis',
  },
  leads: {
    title: 'Leads',
    lead: 'New enquiries from the website and campaigns, shared out by your assignment rules. Work them, then convert the good ones into customers and deals.',
    contact: 'See the website’s contact form',
  },
  myDay: {
    title: 'My day',
    lead: 'Your open tasks: what is overdue, what is due today, and what comes next. Tick one off with a click, or with Space or Enter.',
  },
  cases: {
    title: 'Cases',
    lead: 'Customer questions and problems, the most pressing first. Take one, work it, and resolve it with a note.',
  },
  kase: {
    missing: 'This case does not exist, or is not visible to you.',
    activity: 'Timeline',
  },
  segments: {
    title: 'Segments',
    lead: 'Groups of customers by what they are and how they buy, kept up to date as the data changes. Build one from conditions and watch the count as you go.',
    saved: 'Saved segments',
    new: 'New segment',
    none: 'No segments yet.',
    members: 'Customers in this segment',
    missing: 'This segment does not exist, or is not visible to you.',
  },
  trash: {
    title: 'Trash',
    lead: 'What your team moved to the trash. Restore a record to bring it back as it was, with its history.',
  },
  shop: {
    title: 'Shop',
    lead: 'Place an order for a customer, as the web shop does. The order goes to the CRM at once, and the customer’s card shows their new lifetime value.',
    customer: 'Customer',
    chooseCustomer: 'Choose a customer',
    products: 'Products',
    product: 'Product',
    price: 'Price',
    quantity: 'Quantity',
    place: 'Place order',
    noCustomer: 'Choose the customer to order for.',
    noProducts: 'Order at least one product.',
    badQuantity: (max: number) => `Quantities are whole numbers from 0 to ${max}.`,
    refused: 'The order was not placed:',
  },
  integrations: {
    title: 'Integrations',
    lead: 'Connect the CRM to your shop and ERP: webhook endpoints that hear every change, with their delivery log, and CSV imports of customers.',
  },
  ledger: {
    title: 'Ledger',
    lead: 'Revenue booked by the portal: a row for each deal won, written in the same transaction as the win.',
    when: 'Booked',
    deal: 'Deal',
    amount: 'Amount',
    by: 'Won by',
    integration: 'An integration',
    empty: 'Nothing booked yet. Win a deal on the pipeline and it appears here.',
  },
  signOut: 'Sign out',
  roles: {
    owner: 'Owner',
    admin: 'Admin',
    manager: 'Sales manager',
    rep: 'Sales rep',
    viewer: 'Viewer',
    support: 'Support agent',
  } satisfies Record<Role, string>,
  customers: {
    title: 'Customers',
    lead: 'Everyone your team sells to. Find a customer to see their card and activity, and log a call.',
    list: 'Customer list',
    detail: 'Selected customer',
    pick: 'Select a customer to see their card and activity here.',
    openFull: 'Open full page',
  },
  customer: {
    missing: 'This customer does not exist, or is not visible to you.',
    activity: 'Activity',
  },
  deal: {
    missing: 'This deal does not exist, or is not visible to you.',
  },
  notFound: { title: 'Page not found', body: 'There is nothing at this address.', home: 'Go to customers' },
  failed: { title: 'Something went wrong', body: 'The page could not be shown. Try again in a moment.' },
  footer: 'Customer cards and data by crmkit',
};

export type Messages = typeof en;

const zhHant: Messages = {
  portal: '商家後台',
  skip: '跳到主要內容',
  nav: {
    label: '主選單',
    myDay: '我的一天',
    customers: '客戶',
    segments: '客群',
    leads: '潛在客戶',
    cases: '客服案件',
    pipeline: '銷售管道',
    forecast: '業績預測',
    reports: '報表',
    trash: '垃圾桶',
    shop: '商店',
    ledger: '帳簿',
    integrations: '系統整合',
  },
  pipeline: {
    title: '銷售管道',
    lead: '按一下商機或按 Enter 鍵即可開啟。拖曳商機即可移動，也可以用空白鍵與方向鍵操作。',
    funnel: '銷售漏斗',
    none: '尚未建立銷售管道。',
  },
  forecast: {
    title: '業績預測',
    lead: '團隊本季已贏得與預計贏得的業績，對照業績目標，以及每位業務與上一季相比的表現。選擇業績預測中的數字即可在銷售管道查看相關商機。下方為過去一年經過各階段的商機贏得的比例，並列各階段設定的成交機率。',
  },
  reports: {
    title: '報表',
    lead: '誰在購買、多常購買、買了多少：依 RFM 分群的客戶、停止下單的客戶、熱銷商品與回購情形；每位業務本季的表現；以及各行銷活動與來源帶來的成果、未成交原因與對各競爭對手的勝負。開啟流失風險客戶即可跟進。',
    onThisPage: '本頁報表',
    customers: '客戶分析',
    performance: '銷售績效',
    market: '市場分析',
  },
  leads: {
    title: '潛在客戶',
    lead: '來自官網與行銷活動的新詢問，依指派規則分給業務。跟進後，把有望成交的轉換成客戶與商機。',
    contact: '查看官網的聯絡表單',
  },
  myDay: {
    title: '我的一天',
    lead: '您未完成的待辦：已逾期、今天到期與接下來的項目。按一下，或按空白鍵或 Enter 鍵即可標記完成。',
  },
  cases: {
    title: '客服案件',
    lead: '客戶的問題與需求，最緊急的排在前面。接手案件、處理，並附上說明後結案。',
  },
  kase: {
    missing: '此案件不存在，或您沒有檢視權限。',
    activity: '時間軸',
  },
  segments: {
    title: '客群',
    lead: '依客戶的屬性與購買行為分群，資料變動時自動更新。以條件建立客群，邊建邊看符合的客戶數。',
    saved: '已儲存的客群',
    new: '新增客群',
    none: '尚無客群。',
    members: '此客群的客戶',
    missing: '此客群不存在，或您無權檢視。',
  },
  trash: {
    title: '垃圾桶',
    lead: '團隊移到垃圾桶的紀錄。還原後即恢復原狀，變更紀錄也會保留。',
  },
  shop: {
    title: '商店',
    lead: '像網路商店一樣替客戶下單。訂單會立即送到 CRM，客戶卡片上的終身價值也會隨之更新。',
    customer: '客戶',
    chooseCustomer: '選擇客戶',
    products: '商品',
    product: '商品',
    price: '單價',
    quantity: '數量',
    place: '送出訂單',
    noCustomer: '請選擇要下單的客戶。',
    noProducts: '請至少訂購一項商品。',
    badQuantity: (max: number) => `數量須為 0 到 ${max} 的整數。`,
    refused: '訂單未送出：',
  },
  integrations: {
    title: '系統整合',
    lead: '將 CRM 連接到您的商店與 ERP：接收每筆變更的 Webhook 端點及其傳送紀錄，以及客戶資料的 CSV 匯入。',
  },
  ledger: {
    title: '帳簿',
    lead: '後台入帳的營收：每贏得一筆商機就記一筆，與贏單寫在同一個交易中。',
    when: '入帳時間',
    deal: '商機',
    amount: '金額',
    by: '贏單者',
    integration: '系統整合',
    empty: '尚無入帳紀錄。在銷售管道贏得一筆商機後就會出現在這裡。',
  },
  signOut: '登出',
  roles: {
    owner: '擁有者',
    admin: '管理員',
    manager: '業務經理',
    rep: '業務代表',
    viewer: '檢視者',
    support: '客服專員',
  },
  customers: {
    title: '客戶',
    lead: '團隊往來的所有客戶。找到客戶即可查看客戶卡片與活動紀錄，並記錄通話。',
    list: '客戶列表',
    detail: '所選客戶',
    pick: '選擇一位客戶，卡片與活動紀錄會顯示在這裡。',
    openFull: '開啟完整頁面',
  },
  customer: {
    missing: '此客戶不存在，或您沒有檢視權限。',
    activity: '活動紀錄',
  },
  deal: {
    missing: '此商機不存在，或您沒有檢視權限。',
  },
  notFound: { title: '找不到頁面', body: '這個網址沒有內容。', home: '前往客戶列表' },
  failed: { title: '發生錯誤', body: '無法顯示此頁面，請稍後再試。' },
  footer: '客戶卡片與資料由 crmkit 提供',
};

export const messages: Record<Lang, Messages> = { en, 'zh-Hant': zhHant };
