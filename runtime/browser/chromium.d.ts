// Types of chromium.js, shared by the TypeScript and the bench scripts.
export declare const CHROMIUM_ARGS: string[]
export declare function chromiumPath(): string
export declare function chromiumOptions(extraArgs?: string[]): { executablePath: string; args: string[]; headless: true }
