import type { Logger } from 'typeorm';

/** A TypeORM logger that counts the SQL statements a subgraph sends (for N+1 tests). */
export class QueryCounter implements Logger {
  statements: string[] = [];

  get count(): number {
    return this.statements.length;
  }

  reset(): void {
    this.statements = [];
  }

  /** Statements other than transaction control and the tenant setting. */
  dataStatements(): string[] {
    return this.statements.filter((sql) => !/^(START TRANSACTION|SET TRANSACTION|BEGIN|COMMIT|ROLLBACK|select set_config)/i.test(sql.trim()));
  }

  logQuery(query: string): void {
    this.statements.push(query);
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}
