export { createTestDatabase, TEST_APP_ROLE_PASSWORD, type TestDatabase } from './database';
export { createTestKeys, type TestKeys } from './keys';
export { createSubgraphClient, type GraphQLResponse } from './subgraph-client';
export { QueryCounter } from './query-counter';
export { seedKit, type SeedKit, type CreatedCity, type CreatedAgency, type CreatedUser } from './factories';
