using Bengkulu112.Common;
using Bengkulu112.Domain;

namespace Bengkulu112.Opds;

/// <summary>The rules an OPD definition must satisfy on its own (without looking at other OPDs).</summary>
public static class OpdDefinitionValidator
{
    public const int MaxNameLength = 200;

    public static FieldErrors Validate(string code, OpdDefinition definition)
    {
        var errors = new FieldErrors();
        if (!OpdCode.IsValid(code))
            errors.Add("code", "must be 2 to 32 characters: lower-case letters, digits or '_', starting with a letter");
        if (string.IsNullOrWhiteSpace(definition.Name))
            errors.Add("name", "is required");
        else if (definition.Name.Length > MaxNameLength)
            errors.Add("name", $"must be at most {MaxNameLength} characters");
        if (definition.Categories is null)
            errors.Add("categories", "is required (may be empty)");
        else
        {
            foreach (var category in definition.Categories)
            {
                if (!Categories.IsKnown(category))
                    errors.Add("categories", $"'{category}' is not a known category");
            }
            if (definition.Categories.Distinct(StringComparer.Ordinal).Count() != definition.Categories.Count)
                errors.Add("categories", "must not repeat a category");
        }
        if (definition.BackupOpd is not null)
        {
            if (!OpdCode.IsValid(definition.BackupOpd))
                errors.Add("backup_opd", "is not a valid OPD code");
            else if (definition.BackupOpd == code)
                errors.Add("backup_opd", "must be another OPD");
        }
        return errors;
    }
}
