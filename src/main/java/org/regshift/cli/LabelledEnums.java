package org.regshift.cli;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.TypeConversionException;

/**
 * Fixed-value options as enums whose {@code toString()} is the command-line name (gaussian-nll,
 * motif+gc): each is read by that name, in any case, and a wrong value is refused listing the names.
 */
public final class LabelledEnums<E extends Enum<E>> implements ITypeConverter<E> {
    private final Class<E> type;

    private LabelledEnums(Class<E> type) {
        this.type = type;
    }

    @Override
    public E convert(String value) {
        for (E constant : type.getEnumConstants()) {
            if (constant.toString().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new TypeConversionException("expected one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString)
                .collect(Collectors.joining(", ")) + ", not '" + value + "'");
    }

    /** Registers a converter for every enum type that an option of {@code cl} or its subcommands takes. */
    public static void registerAll(CommandLine cl) {
        Set<Class<?>> types = new LinkedHashSet<>();
        collect(cl, types);
        for (Class<?> t : types) {
            register(cl, t.asSubclass(Enum.class));
        }
    }

    private static <E extends Enum<E>> void register(CommandLine cl, Class<E> type) {
        cl.registerConverter(type, new LabelledEnums<>(type));
    }

    private static void collect(CommandLine cl, Set<Class<?>> types) {
        for (ArgSpec arg : cl.getCommandSpec().args()) {
            for (Class<?> t : arg.typeInfo().getAuxiliaryTypes()) {
                if (t.isEnum()) {
                    types.add(t);
                }
            }
        }
        cl.getSubcommands().values().forEach(sub -> collect(sub, types));
    }
}
