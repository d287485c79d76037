import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_a1f65f70037dce808113fe25a25b74e5ab489ab1 {
    static final String base64Bytes = String.join("", "IyNmaWxlZm9ybWF0PVZDRnY0LjIKIyNJTkZPIyNjb250aWc9PElEPUY5PgojQ0hST00JUE9T//////////////////////////////////////////////////////////////////////////////////8JSUQJUkVGCUFMVAlRVUFMCUZJTFRFUglJTkZPCmNGTwpjaHJVbmEJLglBCUcJLgkuCS4K");

    public static void main(String[] args) throws Throwable {
        Crash_a1f65f70037dce808113fe25a25b74e5ab489ab1.class.getClassLoader().setDefaultAssertionStatus(true);
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