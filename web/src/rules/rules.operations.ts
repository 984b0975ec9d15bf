import { gql, type TypedDocumentNode } from '@apollo/client';

export interface RuleStatus {
  service: string;
  date: string;
  inForce: boolean;
  versionId: string | null;
  effectiveFrom: string | null;
  message: string | null;
  citation: string | null;
  title: string;
}

export interface CityWithRules {
  id: string;
  name: string;
  nameEn: string;
  rulesInForce: RuleStatus | null;
}

export interface RuleComparisonCell {
  cityId: string;
  inForce: boolean;
  versionId: string | null;
  text: string;
  citation: string;
}

export interface RuleComparisonRow {
  id: string;
  topic: string;
  cells: RuleComparisonCell[];
}

const RULE_STATUS_FIELDS = gql`
  fragment RuleStatusFields on RuleStatus {
    service
    date
    inForce
    versionId
    effectiveFrom
    message
    citation
    title
  }
`;

/** The signed-in account's city and its rules on a date (today when `on` is null). */
export const CITY_RULES_QUERY: TypedDocumentNode<{ me: { id: string; city: CityWithRules } | null }, { on: string | null }> = gql`
  query CityRules($on: String) {
    me {
      id
      city {
        id
        name
        nameEn
        rulesInForce(on: $on) {
          ...RuleStatusFields
        }
      }
    }
  }
  ${RULE_STATUS_FIELDS}
`;

/** The four cities side by side on a date, with each city's own status for the column headers. */
export const RULE_COMPARISON_QUERY: TypedDocumentNode<
  { cities: CityWithRules[]; ruleComparison: RuleComparisonRow[] },
  { on: string }
> = gql`
  query RuleComparison($on: String!) {
    cities {
      id
      name
      nameEn
      rulesInForce(on: $on) {
        ...RuleStatusFields
      }
    }
    ruleComparison(on: $on) {
      id
      topic
      cells {
        cityId
        inForce
        versionId
        text
        citation
      }
    }
  }
  ${RULE_STATUS_FIELDS}
`;
