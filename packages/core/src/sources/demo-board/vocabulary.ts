// Word lists for the demo board's postings. Company names are invented.

export type Language = 'de' | 'en';
export type RoleFamily = 'development' | 'data' | 'operations' | 'product' | 'business' | 'support';

export interface Role {
  title: string;
  language: Language;
  family: RoleFamily;
}

export const ROLES: readonly Role[] = [
  { title: 'Software Engineer', language: 'en', family: 'development' },
  { title: 'Senior Software Engineer', language: 'en', family: 'development' },
  { title: 'Full Stack Developer', language: 'en', family: 'development' },
  { title: 'Frontend Developer', language: 'en', family: 'development' },
  { title: 'Softwareentwickler/in Java', language: 'de', family: 'development' },
  { title: 'Informatiker/in EFZ Applikationsentwicklung', language: 'de', family: 'development' },
  { title: 'Data Analyst', language: 'en', family: 'data' },
  { title: 'Data Engineer', language: 'en', family: 'data' },
  { title: 'Datenbankspezialist/in', language: 'de', family: 'data' },
  { title: 'BI-Entwickler/in', language: 'de', family: 'data' },
  { title: 'DevOps Engineer', language: 'en', family: 'operations' },
  { title: 'Cloud Engineer', language: 'en', family: 'operations' },
  { title: 'Systemtechniker/in', language: 'de', family: 'operations' },
  { title: 'Informatiker/in EFZ Plattformentwicklung', language: 'de', family: 'operations' },
  { title: 'Product Owner', language: 'en', family: 'product' },
  { title: 'Scrum Master', language: 'en', family: 'product' },
  { title: 'Projektleiter/in Informatik', language: 'de', family: 'product' },
  { title: 'Projektleiter/in Digitalisierung', language: 'de', family: 'product' },
  { title: 'Business Analyst', language: 'en', family: 'business' },
  { title: 'Wirtschaftsinformatiker/in', language: 'de', family: 'business' },
  { title: 'Applikationsverantwortliche/r ERP', language: 'de', family: 'business' },
  { title: 'ICT-Supporter/in', language: 'de', family: 'support' },
  { title: 'IT Support Specialist', language: 'en', family: 'support' },
  { title: 'Sachbearbeiter/in Informatik', language: 'de', family: 'support' },
];

export const SKILLS: Record<RoleFamily, readonly string[]> = {
  development: [
    'TypeScript',
    'Java',
    'C#',
    '.NET',
    'React',
    'Angular',
    'Node.js',
    'Spring Boot',
    'SQL',
    'Git',
    'REST APIs',
    'Clean Code',
  ],
  data: [
    'SQL',
    'Python',
    'Power BI',
    'Tableau',
    'dbt',
    'Apache Spark',
    'Data Warehousing',
    'Statistik',
    'Excel',
    'ETL',
  ],
  operations: [
    'Linux',
    'Kubernetes',
    'Docker',
    'Terraform',
    'Azure',
    'AWS',
    'Ansible',
    'CI/CD',
    'Windows Server',
    'Netzwerktechnik',
  ],
  product: [
    'Scrum',
    'Kanban',
    'Jira',
    'HERMES',
    'Stakeholder-Management',
    'Requirements Engineering',
    'Budgetplanung',
    'Confluence',
  ],
  business: ['BPMN', 'SAP', 'Abacus', 'Requirements Engineering', 'Prozessmanagement', 'SQL', 'Excel', 'UML'],
  support: [
    'Microsoft 365',
    'Windows 11',
    'Active Directory',
    'ITIL',
    'Intune',
    'Hardware-Support',
    'Ticketing',
    'Kundenorientierung',
  ],
};

export const COMPANY_STEMS = [
  'Säntisblick',
  'Bodanwerk',
  'Thurtal',
  'Toggenburger',
  'Rheinau',
  'Alpsteiner',
  'Fürstenländer',
  'Linthmatt',
  'Gallusplatz',
  'Ostwind',
  'Rosenbühl',
  'Seerücken',
  'Churfirsten',
  'Steinach',
  'Sitterbrugg',
  'Hörnli',
] as const;

export const COMPANY_KINDS = [
  'Informatik AG',
  'Software GmbH',
  'Datentechnik AG',
  'Systems AG',
  'Digital GmbH',
  'Versicherungen AG',
  'Logistik AG',
  'Medizintechnik AG',
  'Consulting GmbH',
  'Energie AG',
  'Treuhand AG',
  'Maschinenbau AG',
] as const;

export const LOCATIONS = [
  '9000 St. Gallen',
  '9000 St. Gallen',
  '8400 Winterthur',
  '9500 Wil SG',
  '9200 Gossau SG',
  '9400 Rorschach',
  '8500 Frauenfeld',
  '9100 Herisau',
  '9450 Altstätten SG',
  '8640 Rapperswil-Jona',
  '9470 Buchs SG',
  '7000 Chur',
  '8280 Kreuzlingen',
  '9630 Wattwil',
  '8570 Weinfelden',
  '9050 Appenzell',
  '8200 Schaffhausen',
  '9320 Arbon',
] as const;

export const WORKLOADS = ['80-100%', '80-100%', '100%', '90-100%', '60-80%', '80%', '50-70%'] as const;

export const COMPANY_INTROS: Record<Language, readonly string[]> = {
  de: [
    'Die {company} ist ein familiengeführtes Unternehmen mit rund {staff} Mitarbeitenden in der Ostschweiz.',
    'Als führender Anbieter in unserer Branche beschäftigt die {company} über {staff} Mitarbeitende am Standort {town}.',
    'Die {company} gestaltet seit über 30 Jahren die Digitalisierung ihrer Kundinnen und Kunden in der Region {town}.',
  ],
  en: [
    '{company} is a growing company with around {staff} employees in eastern Switzerland.',
    'At {company} in {town}, {staff} people build products used across Switzerland.',
    '{company} has been shaping the digital future of its customers in the {town} region for more than 30 years.',
  ],
};

export const DUTIES: Record<Language, Record<RoleFamily, readonly string[]>> = {
  de: {
    development: [
      'Sie entwickeln und betreuen unsere Webapplikationen und Schnittstellen.',
      'Gemeinsam mit dem Team planen Sie neue Funktionen und setzen sie agil um.',
      'Sie sorgen mit Code-Reviews und automatisierten Tests für hohe Qualität.',
    ],
    data: [
      'Sie bauen Datenpipelines auf und stellen verlässliche Kennzahlen bereit.',
      'Sie analysieren Daten aus unseren Geschäftsbereichen und bereiten sie verständlich auf.',
      'Sie entwickeln Dashboards und Berichte für die Geschäftsleitung.',
    ],
    operations: [
      'Sie betreiben und automatisieren unsere Server- und Cloud-Infrastruktur.',
      'Sie verantworten Monitoring, Backups und die Sicherheit unserer Systeme.',
      'Sie unterstützen die Entwicklungsteams beim Ausbau der Deployment-Pipelines.',
    ],
    product: [
      'Sie leiten Informatikprojekte von der Initialisierung bis zur Einführung.',
      'Sie koordinieren interne und externe Partner und führen das Projektteam.',
      'Sie priorisieren Anforderungen und halten Termine und Budget im Blick.',
    ],
    business: [
      'Sie erheben Anforderungen und modellieren Geschäftsprozesse.',
      'Sie sind die Schnittstelle zwischen Fachbereichen und Informatik.',
      'Sie begleiten die Einführung neuer Applikationen und schulen die Anwender.',
    ],
    support: [
      'Sie sind die erste Anlaufstelle für Anfragen unserer Mitarbeitenden.',
      'Sie installieren und warten Arbeitsplätze, Drucker und mobile Geräte.',
      'Sie dokumentieren Lösungen und verbessern laufend unsere Supportprozesse.',
    ],
  },
  en: {
    development: [
      'You design, build and maintain our web applications and APIs.',
      'Together with the team you plan new features and deliver them in short iterations.',
      'You keep quality high through code reviews and automated tests.',
    ],
    data: [
      'You build data pipelines and provide reliable figures to the business.',
      'You analyse data from all our business units and present it clearly.',
      'You develop dashboards and reports for management.',
    ],
    operations: [
      'You run and automate our server and cloud infrastructure.',
      'You own monitoring, backups and the security of our platforms.',
      'You help the development teams extend our deployment pipelines.',
    ],
    product: [
      'You own the product backlog and set priorities with our stakeholders.',
      'You coordinate internal and external partners and guide the team.',
      'You turn customer needs into clear user stories and acceptance criteria.',
    ],
    business: [
      'You gather requirements and model business processes.',
      'You act as the link between the business units and IT.',
      'You support the roll-out of new applications and train their users.',
    ],
    support: [
      'You are the first point of contact for our employees.',
      'You set up and maintain workstations, printers and mobile devices.',
      'You document solutions and keep improving our support processes.',
    ],
  },
};

export const REQUIREMENTS: Record<Language, readonly string[]> = {
  de: [
    'Sie bringen mehrjährige Erfahrung mit {skill1} und {skill2} mit.',
    'Sie haben eine Ausbildung in Informatik und fundierte Kenntnisse in {skill1} und {skill2}.',
    'Sie überzeugen durch eine selbständige Arbeitsweise und Erfahrung mit {skill1} und {skill2}.',
  ],
  en: [
    'You have several years of hands-on experience with {skill1} and {skill2}.',
    'You hold a degree in computer science and know {skill1} and {skill2} well.',
    'You work independently and bring solid experience with {skill1} and {skill2}.',
  ],
};

export const OFFERS: Record<Language, readonly string[]> = {
  de: [
    'Wir bieten flexible Arbeitszeiten, Homeoffice-Möglichkeiten und eine moderne Infrastruktur.',
    'Es erwarten Sie ein motiviertes Team, fortschrittliche Anstellungsbedingungen und Weiterbildungsmöglichkeiten.',
    'Bei uns profitieren Sie von kurzen Entscheidungswegen und einem Arbeitsplatz in Bahnhofsnähe.',
  ],
  en: [
    'We offer flexible working hours, remote work and modern equipment.',
    'You can expect a motivated team, attractive employment conditions and paid training.',
    'You benefit from short decision paths and an office close to the train station.',
  ],
};
