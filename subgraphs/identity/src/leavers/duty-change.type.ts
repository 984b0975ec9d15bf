import { Field, ID, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { AccountType } from '../accounts/account.type';
import { PersonType } from '../people/person.type';

export enum DutyChangeKind {
  MOVED = 'MOVED',
  DEPARTED = 'DEPARTED',
}
registerEnumType(DutyChangeKind, { name: 'DutyChangeKind', description: 'MOVED (調職: to another post) or DEPARTED (離職: left the government).' });

@InputType('DutyChangeInput')
export class DutyChangeInput {
  @Field(() => ID) personId!: string;
  @Field(() => DutyChangeKind) kind!: DutyChangeKind;
  @Field(() => String, { description: 'The day of the move or departure (YYYY-MM-DD, Taiwan date).' }) effectiveOn!: string;
  @Field(() => String) reason!: string;
}

@ObjectType('DutyChange', { description: 'A recorded move or departure and what it does to the person’s accounts.' })
export class DutyChangeType {
  @Field(() => PersonType) person!: PersonType;
  @Field(() => [AccountType], { description: 'The person’s accounts: revoked now, scheduled for revocation (revokeOn), or left for the periodic review.' })
  accounts!: AccountType[];
  @Field(() => String, { nullable: true, description: 'When the accounts are revoked; null when the rules leave a move to the periodic account review.' })
  revokeOn!: string | null;
  @Field(() => String, { description: 'The rule that sets it, e.g. "Changhua 4(六)".' }) citation!: string;
}
