import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_6c07ca019f0f2e108a60702db734be0fe06e6f8b {
    static final String base64Bytes = String.join("", "UEsDBBQAAAAAAAAAIQCtWzf3jgAAAI4AAAAKAAAAbflvZGVsLmpzb257ImZvcm1hdCI6ICJyZWdzaGlmdC1tb2RlbCIsICJmb3JtYXRfdmVyc2lvbiI6IDIsICJhcmNoaXRlY3R1cmUiOiAiY25uIiwgImlucHV0X2xlbmd0aCI6IDgwLCAibWVtYmVycyI6IFt7ImZpbGUiOiAibWVtYmVyXzAuemlwIiwgInNlZWQiOiAxfV19UEsDBBQAAAAAAAAAIQCDFtyMAQAAAAEAAAAOAAAALi4vZXNjYXBlZC50eHR4UEsBAhQDFAAAAAAAAAAhAK1bNPeOAAAAjgAAAAoAAAAAAAAAAAAAAIABAAAAAG1vZGVsLmpzb25QSwECFAMUAAAAAAAAACEAgxbcjAEAAAABAAAADgAAAAAAAAAAAAAAgAG2AAAALi4vZXNjYXBlZC50eHRQSwUGAAAAAAIAAgB0AAAA4wAAAAAA");

    public static void main(String[] args) throws Throwable {
        Crash_6c07ca019f0f2e108a60702db734be0fe06e6f8b.class.getClassLoader().setDefaultAssertionStatus(true);
        try {
            Method fuzzerInitialize = org.regshift.fuzz.ParserFuzzTarget.class.getMethod("fuzzerInitialize");
            fuzzerInitialize.invoke(null);
        } catch (NoSuchMethodException ignored) {
            try {
                Method fuzzerInitialize = org.regshift.fuzz.ParserFuzzTarget.class.getMethod("fuzzerInitialize", String[].class);
                fuzzerInitialize.invoke(null, (Object) args);
            } catch (NoSuchMethodException ignored1) {
            } catch (IllegalAccessException | InvocationTargetException e) {
                e.printStackTrace();
                System.exit(1);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            e.printStackTrace();
            System.exit(1);
        }
        byte[] input = java.util.Base64.getDecoder().decode(base64Bytes);
        org.regshift.fuzz.ParserFuzzTarget.fuzzerTestOneInput(input);
    }
}