import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType('CsvFile', { description: 'A CSV export (UTF-8 with a byte-order mark, CRLF), with its SHA-256 for the filing manifest.' })
export class CsvFileType {
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String) content!: string;
  @Field(() => Int, { description: 'Data rows, without the header.' }) rows!: number;
  @Field(() => String, { description: 'SHA-256 of the content’s UTF-8 bytes.' }) sha256!: string;
}

@ObjectType('AuditExport', { description: 'An audit as files for filing (Taipei 8(一)5): the sample with its judgments, the checklist and the signatures.' })
export class AuditExportType {
  @Field(() => [CsvFileType]) files!: CsvFileType[];
  @Field(() => String, { description: 'JSON manifest: the audit, its rule version, population hash and seed, and each file’s SHA-256.' }) manifest!: string;
}

@ObjectType('BinaryFile', { description: 'A file (PDF, zip) as base64, with its SHA-256.' })
export class BinaryFileType {
  @Field(() => String) filename!: string;
  @Field(() => String) contentType!: string;
  @Field(() => String, { description: 'The file’s bytes, base64.' }) base64!: string;
  @Field(() => Int) size!: number;
  @Field(() => String, { description: 'SHA-256 of the bytes.' }) sha256!: string;
}
