import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_36af825d46a77e46165b64bfbbe9ec598011874c {
    static final String base64Bytes = String.join("", "H4sIANGVUYX9O2DxGaRf6SCBkw829UHJ8mTzl/9NGa9qCtlXjJqA5FmhJ/jFti87pQo8rGbM/ofMijAcoFGPBaj7jy5SAxIHlRY+CVVt3rP2YYrMeaCbxV2W+r9PJMfW3vAFffu3GUB8/HVnFot24NhjE/ICIVol4G4zEiPHEE8EXrZZ7VoDTibDBjQDBfWJvPxOeFrnI5ZAQOp8CizE2lflBfrrg3VJSqEWDy0HucUboHC448DHRUHSoPIcQvu9h93PJARvxTS2b8NQ+fVx5rF4TxpBkxT03VGWJRspcOJ8abEJ7OZrFRVThgTTxE1CiAKr60aVJEPDwa/0KnAy69stt7vp+1ny5mv8Wx7fHPsFkgANgcKTOdwO7JPKfcgGSury7RupchnxZrKlOeE2E8mnRB5WJWCfq4mvhfTd1f+79LRhhFjWX3h/2jYp0JfpBGJAxxSdwdXDrxX3Q2opCkKZkB2fV27qBe4E8KLxPrdQrg815/d/21V8f1PSL0bkAIWTuONh3GTMECF+ZJPeleq0UK21XDaakdbLnXo4vM4J1/cWhzBZXbEpZ+LnM77rLrcV5e+BepCM49QmtA0Ymney3Ig7psyK78OIWKrTnGGcxP0dvpjwirvA8qYp4KcvFKDQmoSlFnGC8/QOf0RolJpMin8k72zTZAh50TM3hbBnftynmDkcaDMs6IinCsCLktlZ1kVhLgB28KKaDCOknZth4ivM9CHmJY4UjGFvGI9GeXMURDOh5CyTyHCN+frFp4J/PrTmCXaQbmn3aUjqlvF8hI+AZ5YC2iCKZg==");

    public static void main(String[] args) throws Throwable {
        Crash_36af825d46a77e46165b64bfbbe9ec598011874c.class.getClassLoader().setDefaultAssertionStatus(true);
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