import type { SegmentRule } from '@crmkit/core';
// The two sample organizations: an English-speaking distributor and a Taiwanese trading company.
import type { Role } from '../http/env.js';

/** A label, and the same in each locale the elements speak. */
export interface Labelled {
  label: string;
  labels: { en: string; 'zh-Hant': string; 'zh-Hans': string };
}

export interface SampleOrg {
  slug: string;
  name: string;
  currency: string;
  exchangeRates: Record<string, number>;
  locale: string;
  timeZone: string;
  teams: string[];
  /** The first user of each team listed as manager manages it. */
  users: { email: string; name: string; role: Role; team?: number }[];
  /** The service desk: support agents, who work the cases (added last, see sample.ts). */
  supportAgents: { email: string; name: string }[];
  stages: { name: string; probability: number; kind: 'open' | 'won' | 'lost'; requires?: string[] }[];
  pipelineName: string;
  companies: string[];
  companySuffixes: string[];
  givenNames: string[];
  familyNames: string[];
  /** How a person's name is written from given and family name. */
  personName: (given: string, family: string) => string;
  regions: string[];
  industries: string[];
  /** Where leads come from; the first is the website's contact form. */
  sources: string[];
  /** The website's contact form, and the assignment rule that shares its leads out in the first team. */
  contactForm: {
    name: string;
    labels: { name: string; email: string; company: string; phone: string; message: string };
    consent: string;
    thankYou: string;
    rule: string;
    /** The website's campaign, which the form's leads count toward. */
    campaign: string;
  };
  campaigns: { name: string; channel: string }[];
  lostReasons: string[];
  competitors: string[];
  subjects: { call: string[]; email: string[]; meeting: string[]; note: string[]; task: string[] };
  caseSubjects: string[];
  /** Saved segments, so the segments page opens on some. */
  segments: { name: string; description: string; rules: SegmentRule }[];
  products: { name: string; price: number }[];
  dealNames: string[];
  /** The organization's custom fields of deals: a contract term to choose and a purchase order number. */
  dealFields: {
    contractTerm: Labelled & { options: (Labelled & { value: string })[] };
    poNumber: Labelled;
  };
  emailDomain: (company: string, index: number) => string;
  phone: (index: number) => string;
}

export const SAMPLE_ORGS: SampleOrg[] = [
  {
    slug: 'acme',
    name: 'Acme Supply Co.',
    currency: 'USD',
    exchangeRates: { EUR: 1.08, TWD: 0.031 },
    locale: 'en',
    timeZone: 'America/New_York',
    teams: ['East Coast', 'West Coast'],
    users: [
      { email: 'admin@acme.test', name: 'Alex Morgan', role: 'admin' },
      { email: 'manager@acme.test', name: 'Maria Chen', role: 'manager', team: 0 },
      { email: 'rep@acme.test', name: 'Ryan Patel', role: 'rep', team: 0 },
      { email: 'rep2@acme.test', name: 'Sofia Ramirez', role: 'rep', team: 0 },
      { email: 'viewer@acme.test', name: 'Victor Nguyen', role: 'viewer' },
      { email: 'west.manager@acme.test', name: 'Hannah Brooks', role: 'manager', team: 1 },
      { email: 'west.rep@acme.test', name: 'Daniel Kim', role: 'rep', team: 1 },
    ],
    pipelineName: 'New business',
    stages: [
      { name: 'Initial contact', probability: 10, kind: 'open' },
      { name: 'Needs analysis', probability: 25, kind: 'open' },
      { name: 'Proposal', probability: 50, kind: 'open' },
      { name: 'Negotiation', probability: 75, kind: 'open' },
      { name: 'Won', probability: 100, kind: 'won' },
      { name: 'Lost', probability: 0, kind: 'lost', requires: ['lostReason'] },
    ],
    companies: [
      'Northwind Traders',
      'Blue Harbor Logistics',
      'Cedar & Pine Furniture',
      'Brightline Health',
      'Summit Outdoor Supply',
      'Oakridge Dental Group',
      'Pioneer Solar',
      'Harborview Hotels',
      'Keystone Manufacturing',
      'Redwood Analytics',
      'Silverlake Foods',
      'Evergreen Pharmacy',
      'Lakeside Bikes',
      'Granite Peak Builders',
      'Copperfield Electric',
      'Maple Street Bakery',
      'Atlas Freight',
      'Bluebird Software',
      'Riverside Clinics',
      'Stonebridge Insurance',
      'Clearwater Labs',
      'Ironwood Tools',
      'Sunset Apparel',
      'Highland Coffee Roasters',
      'Meridian Travel',
      'Golden Gate Printing',
      'Westfield Motors',
      'Horizon Education',
      'Sparrow Media',
      'Willow Creek Farms',
      'Fairview Veterinary',
      'Crescent Bay Marine',
    ],
    companySuffixes: ['Inc.', 'LLC', 'Co.', 'Group'],
    givenNames: ['Emma', 'Liam', 'Olivia', 'Noah', 'Ava', 'James', 'Mia', 'Lucas', 'Grace', 'Ethan', 'Chloe', 'Owen'],
    familyNames: ['Smith', 'Johnson', 'Garcia', 'Miller', 'Davis', 'Wilson', 'Anderson', 'Thomas', 'Clark', 'Lewis'],
    personName: (given, family) => `${given} ${family}`,
    regions: ['Northeast', 'Southeast', 'Midwest', 'Southwest', 'West'],
    industries: ['Retail', 'Healthcare', 'Manufacturing', 'Hospitality', 'Logistics', 'Software', 'Food & beverage'],
    sources: ['Web form', 'Referral', 'Trade show', 'Cold call', 'Partner', 'Online ad'],
    contactForm: {
      name: 'Contact us',
      labels: { name: 'Your name', email: 'Email', company: 'Company', phone: 'Phone', message: 'How can we help?' },
      consent: 'Acme Supply Co. may contact me about my request.',
      thankYou: 'Thank you! A member of our sales team will get back to you within one business day.',
      rule: 'Website leads',
      campaign: 'Website: contact page',
    },
    campaigns: [
      { name: 'Spring trade show', channel: 'event' },
      { name: 'Search ads: restock', channel: 'paid_search' },
      { name: 'Newsletter: fall catalog', channel: 'email' },
    ],
    lostReasons: ['Price too high', 'Chose a competitor', 'No budget this year', 'No decision'],
    competitors: ['Globex', 'Initech', 'Umbrella Supply', 'Vandelay Industries'],
    subjects: {
      call: ['Intro call', 'Follow-up on quote', 'Check-in on delivery', 'Discussed volume discount'],
      email: ['Sent proposal', 'Shared product catalog', 'Answered pricing questions', 'Confirmed order details'],
      meeting: ['On-site demo', 'Quarterly business review', 'Contract walkthrough'],
      note: ['Prefers email over calls', 'Budget approved for Q3', 'New purchasing manager starting next month'],
      task: ['Send revised quote', 'Schedule demo', 'Follow up on samples', 'Prepare contract'],
    },
    supportAgents: [{ email: 'support@acme.test', name: 'Sam Okafor' }],
    caseSubjects: [
      'Late delivery',
      'Damaged items in shipment',
      'Invoice does not match order',
      'Request for return label',
    ],
    segments: [
      {
        name: 'Repeat buyers',
        description: 'Customers who have ordered twice or more.',
        rules: { field: 'orderCount', op: 'gte', value: 2 },
      },
      {
        name: 'Key accounts',
        description: 'Customers tagged key-account.',
        rules: { field: 'tags', op: 'contains', value: 'key-account' },
      },
      {
        name: 'Gone quiet',
        description: 'Customers with no order in the last 90 days.',
        rules: {
          all: [
            { field: 'lifecycleStage', op: 'eq', value: 'customer' },
            { field: 'lastOrderDaysAgo', op: 'gt', value: 90 },
          ],
        },
      },
    ],
    products: [
      { name: 'Shelving unit', price: 24_900 },
      { name: 'Packing tape (case)', price: 3_600 },
      { name: 'Label printer', price: 18_900 },
      { name: 'Safety gloves (box)', price: 2_400 },
      { name: 'Hand truck', price: 12_900 },
    ],
    dealNames: [
      'Warehouse refit',
      'Annual supply contract',
      'Store rollout',
      'Pilot order',
      'Fleet upgrade',
      'Renewal',
    ],
    dealFields: {
      contractTerm: {
        label: 'Contract term',
        labels: { en: 'Contract term', 'zh-Hant': '合約期間', 'zh-Hans': '合同期限' },
        options: [
          { value: '12m', label: '12 months', labels: { en: '12 months', 'zh-Hant': '12 個月', 'zh-Hans': '12 个月' } },
          { value: '24m', label: '24 months', labels: { en: '24 months', 'zh-Hant': '24 個月', 'zh-Hans': '24 个月' } },
          { value: '36m', label: '36 months', labels: { en: '36 months', 'zh-Hant': '36 個月', 'zh-Hans': '36 个月' } },
        ],
      },
      poNumber: { label: 'PO number', labels: { en: 'PO number', 'zh-Hant': '採購單號', 'zh-Hans': '采购单号' } },
    },
    emailDomain: (company) =>
      `${company
        .toLowerCase()
        .replace(/&/g, 'and')
        .replace(/[^a-z0-9]+/g, '')}.example`,
    phone: (i) => `+1 555 01${String(i % 100).padStart(2, '0')}`,
  },
  {
    slug: 'formosa',
    name: '福爾摩沙貿易股份有限公司',
    currency: 'TWD',
    exchangeRates: { USD: 32.4, JPY: 0.21 },
    locale: 'zh-Hant',
    timeZone: 'Asia/Taipei',
    teams: ['北區業務部', '南區業務部'],
    users: [
      { email: 'admin@formosa.test', name: '林雅婷', role: 'admin' },
      { email: 'manager@formosa.test', name: '黃建宏', role: 'manager', team: 0 },
      { email: 'rep@formosa.test', name: '陳志明', role: 'rep', team: 0 },
      { email: 'rep2@formosa.test', name: '王怡君', role: 'rep', team: 1 },
    ],
    pipelineName: '新客戶開發',
    stages: [
      { name: '初步接觸', probability: 10, kind: 'open' },
      { name: '需求分析', probability: 25, kind: 'open' },
      { name: '提案報價', probability: 50, kind: 'open' },
      { name: '議價協商', probability: 75, kind: 'open' },
      { name: '成交', probability: 100, kind: 'won' },
      { name: '未成交', probability: 0, kind: 'lost', requires: ['lostReason'] },
    ],
    companies: [
      '玉山茶業',
      '日月潭旅行社',
      '阿里山咖啡',
      '台中精密機械',
      '高雄港運通',
      '新竹半導體材料',
      '淡水漁產',
      '花蓮石材',
      '台南老街食品',
      '桃園物流',
      '嘉義木器',
      '宜蘭農產',
      '基隆海洋科技',
      '屏東熱帶果園',
      '彰化織品',
      '苗栗陶藝',
      '南投竹藝',
      '澎湖海鮮',
      '金門高粱酒坊',
      '鹿港糕餅',
      '九份茶坊',
      '墾丁民宿',
      '三峽藍染',
      '鶯歌陶瓷',
    ],
    companySuffixes: ['股份有限公司', '有限公司', '企業社'],
    givenNames: ['志明', '雅婷', '家豪', '怡君', '冠宇', '淑芬', '建宏', '美玲', '宗翰', '佩珊', '俊傑', '欣怡'],
    familyNames: ['陳', '林', '黃', '張', '李', '王', '吳', '劉', '蔡', '楊'],
    personName: (given, family) => `${family}${given}`,
    regions: ['台北', '新竹', '台中', '台南', '高雄', '花蓮'],
    industries: ['零售', '製造', '餐飲', '觀光', '物流', '農產'],
    sources: ['官網表單', '客戶介紹', '展覽', '電話開發', '經銷夥伴'],
    contactForm: {
      name: '聯絡我們',
      labels: { name: '您的姓名', email: '電子郵件', company: '公司', phone: '電話', message: '想詢問什麼？' },
      consent: '我同意貴公司就此詢問與我聯繫。',
      thankYou: '感謝您的詢問！業務同仁將於一個工作天內與您聯繫。',
      rule: '官網詢問',
      campaign: '官網聯絡表單',
    },
    campaigns: [
      { name: '台北國際食品展', channel: 'event' },
      { name: 'LINE 官方帳號推播', channel: 'social' },
      { name: '年終電子報', channel: 'email' },
    ],
    lostReasons: ['價格太高', '選擇競爭對手', '今年沒有預算', '客戶未決定'],
    competitors: ['大同商行', '永豐貿易', '新光供應'],
    subjects: {
      call: ['初次電話拜訪', '報價追蹤', '確認交期', '討論數量折扣'],
      email: ['寄送提案', '提供產品型錄', '回覆報價問題', '確認訂單明細'],
      meeting: ['現場展示', '季度業務檢討', '合約說明會'],
      note: ['偏好以 LINE 聯絡', '第三季預算已核准', '採購主管下月異動'],
      task: ['寄送修正報價', '安排產品展示', '追蹤樣品回覆', '準備合約'],
    },
    supportAgents: [{ email: 'support@formosa.test', name: '張淑芬' }],
    caseSubjects: ['交貨延遲', '商品運送破損', '發票金額與訂單不符', '申請退貨'],
    segments: [
      { name: '回購客戶', description: '下單兩次以上的客戶。', rules: { field: 'orderCount', op: 'gte', value: 2 } },
      {
        name: '重點客戶',
        description: '標有 key-account 標籤的客戶。',
        rules: { field: 'tags', op: 'contains', value: 'key-account' },
      },
      {
        name: '沉寂客戶',
        description: '九十天內沒有下單的客戶。',
        rules: {
          all: [
            { field: 'lifecycleStage', op: 'eq', value: 'customer' },
            { field: 'lastOrderDaysAgo', op: 'gt', value: 90 },
          ],
        },
      },
    ],
    products: [
      { name: '高山烏龍茶禮盒', price: 120_000 },
      { name: '不鏽鋼貨架', price: 450_000 },
      { name: '包裝紙箱（百入）', price: 80_000 },
      { name: '冷藏物流服務', price: 300_000 },
    ],
    dealNames: ['年度採購合約', '門市擴點', '試用訂單', '設備汰換', '續約'],
    dealFields: {
      contractTerm: {
        label: '合約期間',
        labels: { en: 'Contract term', 'zh-Hant': '合約期間', 'zh-Hans': '合同期限' },
        options: [
          { value: '1y', label: '一年', labels: { en: '1 year', 'zh-Hant': '一年', 'zh-Hans': '一年' } },
          { value: '2y', label: '兩年', labels: { en: '2 years', 'zh-Hant': '兩年', 'zh-Hans': '两年' } },
          { value: '3y', label: '三年', labels: { en: '3 years', 'zh-Hant': '三年', 'zh-Hans': '三年' } },
        ],
      },
      poNumber: { label: '採購單號', labels: { en: 'PO number', 'zh-Hant': '採購單號', 'zh-Hans': '采购单号' } },
    },
    emailDomain: (_company, i) => `company${i + 1}.example.tw`,
    phone: (i) => `+886 2 2700 ${String(1000 + i).slice(-4)}`,
  },
];
