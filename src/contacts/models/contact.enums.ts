/** Plain enums (no framework import) so pure mappers can use them; GraphQL registration is in contact.graphql-enums.ts. */

export enum Gender {
  MALE = 'MALE',
  FEMALE = 'FEMALE',
}

export enum PersonType {
  INDIVIDUAL = 'INDIVIDUAL',
  COMPANY = 'COMPANY',
}

export enum RegistrationStatus {
  PENDING = 'PENDING',
  DONE = 'DONE',
  FAILED = 'FAILED',
}

export enum SegmentationType {
  CONTACT = 'CONTACT',
  PROTOCOL = 'PROTOCOL',
}
