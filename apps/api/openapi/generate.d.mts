// Types of scripts/openapi.mjs for the test that checks the committed files are fresh.
export declare const ROOT: string;
export declare const RESPONSE_SCHEMAS_FILE: string;
export declare const OPENAPI_FILE: string;
export declare const CLIENT_TYPES_FILE: string;
export declare function responseSchemasSource(): string;
export declare function openApiText(document: unknown): string;
export declare function clientTypesSource(openApi: string): Promise<string>;
