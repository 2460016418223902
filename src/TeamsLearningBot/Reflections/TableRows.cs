using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Runtime.Serialization;
using Azure.Data.Tables;

namespace TeamsLearningBot.Reflections;

/// <summary>
/// Turns a row read as a <see cref="TableEntity"/> into a typed entity. One query may return rows
/// of different kinds from a partition (a card, a participant, a reflection); this sorts them out.
/// </summary>
internal static class TableRows
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    public static T As<T>(TableEntity row)
        where T : class, ITableEntity, new()
    {
        ArgumentNullException.ThrowIfNull(row);
        var entity = new T { PartitionKey = row.PartitionKey, RowKey = row.RowKey, Timestamp = row.Timestamp, ETag = row.ETag };
        foreach (var property in Properties.GetOrAdd(typeof(T), Writable))
        {
            if (row.TryGetValue(property.Name, out var value) && value is not null)
            {
                property.SetValue(entity, Convert(value, property.PropertyType));
            }
        }

        return entity;
    }

    private static PropertyInfo[] Writable(Type type) =>
    [
        .. type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && p.GetCustomAttribute<IgnoreDataMemberAttribute>() is null)
            .Where(p => p.Name is not (nameof(ITableEntity.PartitionKey) or nameof(ITableEntity.RowKey) or nameof(ITableEntity.Timestamp) or nameof(ITableEntity.ETag))),
    ];

    private static object? Convert(object value, Type target)
    {
        var type = Nullable.GetUnderlyingType(target) ?? target;
        return value switch
        {
            _ when type.IsInstanceOfType(value) => value,
            DateTime dateTime when type == typeof(DateTimeOffset) => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            DateTimeOffset offset when type == typeof(DateTime) => offset.UtcDateTime,
            IConvertible convertible => convertible.ToType(type, CultureInfo.InvariantCulture),
            _ => null,
        };
    }
}
