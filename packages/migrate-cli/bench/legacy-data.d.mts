export declare function legacyRecords(count: number, options?: { seed?: number; firstId?: number }): Record<string, unknown>[];
export declare function writeLegacyFiles(dir: string, options: { files: number; recordsPerFile: number; seed?: number; firstId?: number }): Promise<string[]>;
