/** Word lists for realistic demo data (a Malaysian-based CRM: the reference's default currency is MYR). */

export const FIRST_NAMES = [
  'Aisha', 'Ahmad', 'Mei Ling', 'Wei Jie', 'Siti', 'Rajesh', 'Priya', 'Daniel', 'Sarah', 'Hafiz', 'Nurul', 'Jason',
  'Li Hua', 'Kumar', 'Farah', 'Amir', 'Grace', 'Irfan', 'Chloe', 'Arjun', 'Yusof', 'Mia', 'Ethan', 'Zara',
];

export const LAST_NAMES = [
  'Tan', 'Lim', 'Abdullah', 'Wong', 'Rahman', 'Lee', 'Singh', 'Ismail', 'Ng', 'Chong', 'Hassan', 'Nair',
  'Ong', 'Yusuf', 'Goh', 'Othman', 'Teo', 'Pillai', 'Chua', 'Aziz',
];

export const COMPANY_WORDS = ['Borneo', 'Straits', 'Petronas', 'Harimau', 'Kinabalu', 'Selangor', 'Andaman', 'Melaka', 'Orchid', 'Penang', 'Merdeka', 'Langkawi'];
export const COMPANY_KINDS = ['Trading', 'Logistics', 'Foods', 'Digital', 'Engineering', 'Health', 'Textiles', 'Energy', 'Foundation', 'Council'];
export const COMPANY_SUFFIXES = ['Sdn Bhd', 'Bhd', 'Pte Ltd', 'Group', 'Holdings'];

export const PLACES: readonly (readonly [city: string, state: string, country: string, timezone: string])[] = [
  ['Kuala Lumpur', 'Wilayah Persekutuan', 'Malaysia', 'Asia/Kuala_Lumpur'],
  ['Petaling Jaya', 'Selangor', 'Malaysia', 'Asia/Kuala_Lumpur'],
  ['George Town', 'Penang', 'Malaysia', 'Asia/Kuala_Lumpur'],
  ['Johor Bahru', 'Johor', 'Malaysia', 'Asia/Kuala_Lumpur'],
  ['Kota Kinabalu', 'Sabah', 'Malaysia', 'Asia/Kuching'],
  ['Kuching', 'Sarawak', 'Malaysia', 'Asia/Kuching'],
  ['Ipoh', 'Perak', 'Malaysia', 'Asia/Kuala_Lumpur'],
  ['Singapore', 'Singapore', 'Singapore', 'Asia/Singapore'],
  ['Jakarta', 'DKI Jakarta', 'Indonesia', 'Asia/Jakarta'],
  ['Bangkok', 'Bangkok', 'Thailand', 'Asia/Bangkok'],
];

export const STREETS = ['Jalan Ampang', 'Jalan Bukit Bintang', 'Lebuh Chulia', 'Jalan Tun Razak', 'Persiaran Gurney', 'Jalan Sultan Ismail'];
export const INDUSTRIES = ['Retail', 'Manufacturing', 'Healthcare', 'Education', 'Logistics', 'Hospitality', 'Technology', 'Agriculture', 'Finance', 'Public sector'];
export const JOB_TITLES = ['Owner', 'Director', 'Procurement Manager', 'Operations Lead', 'CFO', 'Office Manager', 'Engineer', 'Consultant'];
export const TAGS = ['vip', 'newsletter', 'wholesale', 'late-payer', 'referral-partner', 'priority-support', 'event-2026'];
export const INTERACTION_SUMMARIES = [
  'Intro call about our services',
  'Sent the quotation by email',
  'Follow-up meeting on the proposal',
  'Asked for a payment extension',
  'Renewal discussion',
  'Support question resolved',
];
