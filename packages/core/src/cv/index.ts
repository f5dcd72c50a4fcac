// `@jobsearchai/core/cv`: CV text extraction (loads the PDF parser). The cv_key lives in the main entry.
export * from './cv-text.js';
