import { InputType } from '@nestjs/graphql';
import { In } from '../../common/validation/fields';

@InputType({ description: 'A free-form field value (OkeyBot custom field, ChatGuru field__NAME).' })
export class CustomFieldInput {
  @In.string({ description: 'Field name as configured on the platform.', minLength: 1, maxLength: 100, example: 'firstName' })
  name: string;

  @In.string({
    description: 'Value; null clears the field where the platform allows it.',
    maxLength: 2000,
    nullable: true,
    example: 'Muhammad Mahin',
  })
  value: string | null;
}
