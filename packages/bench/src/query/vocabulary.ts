// Word lists for realistic job_matches rows: eastern-Swiss postings and German LLM reasoning,
// shaped like the rows of a real legacy installation. Company names are invented.

import { SKILLS_BY_ROLE_FAMILY } from '@jobsearchai/core/demo-board';

export const SEARCH_TERMS = [
  'IT',
  'analyst',
  'IT-typ-festanstellung-pensum-80-bis-100',
  'software-engineer',
  'data',
  'projektleiter',
  'devops',
  'informatik',
] as const;

export const CV_KEYS = ['3f9a1c27b8e04d55', '7c21e9a04b6f3d18', 'd04b7e93a15c6f20'] as const;

export const TITLES = [
  'Software Engineer',
  'Senior Software Engineer',
  'Full Stack Developer',
  'Softwareentwickler/in Java',
  'Informatiker/in EFZ Applikationsentwicklung',
  'Data Analyst',
  'Data Engineer',
  'Datenbankspezialist/in',
  'BI-Entwickler/in',
  'DevOps Engineer',
  'Cloud Engineer',
  'Systemtechniker/in',
  'Product Owner',
  'Projektleiter/in Informatik',
  'Projektleiter/in Digitalisierung',
  'Business Analyst',
  'Wirtschaftsinformatiker/in',
  'Applikationsverantwortliche/r ERP',
  'ICT-Supporter/in',
  'Sachbearbeiter/in Informatik',
] as const;

export const COMPANY_STEMS = [
  'Säntis',
  'Bodensee',
  'Rheintal',
  'Toggenburg',
  'Thurgau',
  'Alpstein',
  'Linth',
  'Fürstenland',
  'Appenzell',
  'Neckertal',
  'Gallus',
  'Seerhein',
] as const;
export const COMPANY_KINDS = [
  'Informatik AG',
  'Software GmbH',
  'Solutions AG',
  'Kantonalbank',
  'Versicherungen',
  'Logistik AG',
  'Medizintechnik AG',
  'Spital',
  'Energie AG',
  'Treuhand AG',
] as const;

/** Weighted by repetition: St. Gallen dominates, as on ostjob. */
export const LOCATIONS = [
  '9000 St. Gallen',
  '9000 St. Gallen',
  '9000 St. Gallen',
  '9001 St. Gallen',
  '8400 Winterthur',
  '8500 Frauenfeld',
  '9500 Wil SG',
  '9200 Gossau SG',
  '9100 Herisau',
  '9050 Appenzell',
  '9400 Rorschach',
  '9470 Buchs SG',
  '9450 Altstätten',
  '8590 Romanshorn',
  '8280 Kreuzlingen',
  '8640 Rapperswil-Jona',
  '9630 Wattwil',
  '8730 Uznach',
  '9300 Wittenbach',
  '9320 Arbon',
  '9443 Widnau',
  '8570 Weinfelden',
  'Remote / 9000 St. Gallen',
  '8001 Zürich',
] as const;

export const WORKLOADS = ['80-100%', '100%', '60-80%', '80%', '90-100%', 'N/A', '40-60%'] as const;

/** Every skill the demo board's roles ask for, each once. */
export const SKILLS: readonly string[] = [...new Set(Object.values(SKILLS_BY_ROLE_FAMILY).flat())];

/** Sentences of the LLM's German reasoning; {placeholders} are filled per row. */
export const REASONING_SENTENCES = [
  'Die Stelle als {title} bei {company} passt in mehreren Punkten gut zum Profil des Kandidaten.',
  'Der Kandidat bringt fundierte Erfahrung mit {skill1} und {skill2} mit, die in der Ausschreibung ausdrücklich verlangt werden.',
  'Die geforderte Berufserfahrung von mindestens drei Jahren wird mit der bisherigen Tätigkeit klar erfüllt.',
  'Der Arbeitsort {town} liegt im bevorzugten Pendelradius, was die Standortkompatibilität positiv beeinflusst.',
  'Ein Masterabschluss in Informatik übertrifft die Anforderungen an die Ausbildung, die eine Fachhochschule oder eine gleichwertige Ausbildung nennen.',
  'Die Weiterentwicklung in Richtung Architektur und technische Leitung entspricht dem bisherigen Karriereverlauf.',
  'Das Pensum von {workload} entspricht weitgehend den angegebenen Präferenzen.',
  'Kenntnisse in {skill3} sind im Lebenslauf nur am Rande erwähnt; hier bestünde Einarbeitungsbedarf.',
  'Die Branche ist für den Kandidaten neu, die Aufgaben sind aber mit früheren Projekten gut vergleichbar.',
  'Die Ausschreibung betont agiles Arbeiten in kleinen Teams, was mit den Erfahrungen aus Scrum-Projekten übereinstimmt.',
  'Die Zusammenarbeit mit Fachbereichen und externen Partnern wird verlangt; entsprechende Erfahrung ist vorhanden.',
  'Gute Deutschkenntnisse und Englisch auf Verhandlungsniveau werden vorausgesetzt, was beides gegeben ist.',
  'Insgesamt ergibt sich eine {level} Übereinstimmung mit einer Gesamtbewertung von {score} von 10 Punkten.',
  'Die Verantwortung für den Betrieb geschäftskritischer Anwendungen ist eine Erweiterung des bisherigen Aufgabengebiets.',
  'Die angebotenen Weiterbildungsmöglichkeiten und die flexible Arbeitszeit erhöhen die zu erwartende Zufriedenheit.',
  'Einzig die geforderte Erfahrung mit regulatorischen Vorgaben im Finanzbereich fehlt im Profil bisher.',
  'Die Rolle verbindet Entwicklung und Betrieb, was den im Lebenslauf beschriebenen DevOps-Schwerpunkt aufgreift.',
  'Führungserfahrung wird nicht verlangt, wäre aber für die mittelfristige Entwicklung im Unternehmen von Vorteil.',
] as const;

export const DESCRIPTION_SENTENCES = [
  '{company} ist ein etabliertes Unternehmen mit rund {staff} Mitarbeitenden und Hauptsitz in {town}.',
  'Zur Verstärkung unseres Teams suchen wir per sofort oder nach Vereinbarung eine engagierte Persönlichkeit als {title}.',
  'Sie entwickeln und betreiben unsere Anwendungen mit {skill1} und {skill2} und tragen Verantwortung für Qualität und Sicherheit.',
  'Sie arbeiten eng mit den Fachabteilungen zusammen, analysieren Anforderungen und setzen sie in tragfähige Lösungen um.',
  'Sie bringen eine abgeschlossene Ausbildung in Informatik sowie mehrjährige Berufserfahrung in einer vergleichbaren Funktion mit.',
  'Eine selbständige, strukturierte Arbeitsweise und Freude an der Zusammenarbeit im Team zeichnen Sie aus.',
  'Wir bieten moderne Anstellungsbedingungen, flexible Arbeitszeiten, Homeoffice-Möglichkeiten und gezielte Weiterbildung.',
  'Es erwartet Sie ein abwechslungsreiches Umfeld mit kurzen Entscheidungswegen und einer offenen Unternehmenskultur.',
] as const;
